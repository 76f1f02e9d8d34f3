/**
 * Index and constraint names (`_create_index_name`) against Django 5.2.18's own output
 * (oracle probe t10): the md5 digest, the 63-character rules, the D prefix, namespaces.
 */
import { describe, expect, it } from 'vitest';
import { createIndexName } from '../../../../src/engine/db/postgres/schema-editor.ts';
import { quoteName } from '../../../../src/engine/db/postgres/compiler.ts';

const CASES: [string, string[], string, string][] = [
  ['inventory_item', ['slug'], '', 'inventory_item_slug_d4b63d2a'],
  ['inventory_item', ['slug'], '_like', 'inventory_item_slug_d4b63d2a_like'],
  ['shop_products', ['vendor', 'sku'], '_uniq', 'shop_products_vendor_sku_cf268cc5_uniq'],
  ['a'.repeat(40), ['b'.repeat(30)], '', 'aaaaaaaaaaaaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbb_efb35bc7'],
  ['a'.repeat(40), ['b'.repeat(30), 'c'.repeat(10)], '_uniq', 'aaaaaaaaaaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbb_10e85baf_uniq'],
  ['garage_vehicle_mechanics', ['vehicle_id'], '_fk_garage_vehicle_id', 'garage_vehicle_mecha_vehicle_id_2a82fe76_fk_garage_ve'],
  ['short', ['col'], '_fk_a_very_long_referenced_table_name_here_id', 'short_col_9baee1db_fk_a_very_long_referenced_table_name_here_id'],
  ['1table_with_a_really_long_name_starting_with_digit', ['some_column_name'], '_idx', 'D1table_with_a_really_lon_some_column_name_9b8fc9be_id'],
  ['_underscore_table_with_a_really_long_name_xx', ['some_column_name_that_is_long'], '', 'D_underscore_table_with_a_r_some_column_name_that_is_l_1f7b863'],
  ['schema_second"."warehouse_pallet', ['code'], '_like', 'warehouse_pallet_code_0aa2a5c1_like'],
  ['t', [], '_pk', 't__e358efa4_pk'],
  ['événements_été', ['colonne_ü'], '', 'événements_été_colonne_ü_fc4e6f77'],
  ['x'.repeat(70), ['y'], '_check', 'xxxxxxxxxxxxxxxxxxxxxxx_y_c887d385_check'],
  ['school_student', ['code'], '_uniq', 'school_student_code_f8cf7af5_uniq'],
  ['tickets_ticket', ['event_id'], '_fk', 'tickets_ticket_event_id_629030b8_fk'],
  ['blog_contribution', ['post_id'], '_fk_blog_post_id', 'blog_contribution_post_id_88edf28e_fk_blog_post_id'],
  ['t_thing', ['f'], '_check', 't_thing_f_750b0d5e_check'],
];

describe('createIndexName', () => {
  for (const [table, cols, suffix, expected] of CASES) {
    it(`${table.slice(0, 30)} ${cols.join(',')} ${suffix}`, () => {
      expect(createIndexName(table, cols, suffix)).toBe(expected);
      expect(Array.from(expected).length).toBeLessThanOrEqual(63);
    });
  }
});

describe('quoteName', () => {
  it('quotes once, and a schema"."table db_table becomes "schema"."table"', () => {
    expect(quoteName('shop_item')).toBe('"shop_item"');
    expect(quoteName('"already"')).toBe('"already"');
    expect(quoteName('schema_second"."pallets')).toBe('"schema_second"."pallets"');
  });
});
