/**
 * Native standard-library modules, registered with every interpreter (created lazily on import).
 */
import type { Interpreter } from '../interpreter.ts';
import { makeSys, makeOs, makeOsPath, makeMath, makeString, makeTyping, makeFuture, makeKeyword, makeWarnings, makeTypes, makeAbc, makeTime } from './basic.ts';
import { makeDatetimeModule } from './datetime.ts';
import { makeDecimalModule } from './decimal.ts';
import { makeUuidModule } from './uuid.ts';
import { makePathlibModule } from './pathlib.ts';
import { makeJsonModule } from './json.ts';
import { makeReModule } from './re.ts';
import { makeFunctools, makeItertools, makeOperator } from './functional.ts';
import { makeCollections, makeCollectionsAbc, namedtupleFor } from './collections.ts';
import { makeZoneinfoModule } from './zoneinfo.ts';
import { makeDataclassesModule } from './dataclasses.ts';
import { makeEnumModule } from './enum.ts';
import { makeRandom, makeCopy, makeTextwrap } from './misc.ts';
import { NativeFunction } from '../objects.ts';
import { makeContextlib } from './contextlib.ts';

export function registerStdlib(interp: Interpreter): void {
  interp.registerNativeModule('sys', makeSys);
  interp.registerNativeModule('os', makeOs);
  interp.registerNativeModule('os.path', makeOsPath);
  interp.registerNativeModule('math', makeMath);
  interp.registerNativeModule('string', makeString);
  interp.registerNativeModule('typing', makeTyping);
  interp.registerNativeModule('__future__', makeFuture);
  interp.registerNativeModule('keyword', makeKeyword);
  interp.registerNativeModule('warnings', makeWarnings);
  interp.registerNativeModule('types', makeTypes);
  interp.registerNativeModule('abc', makeAbc);
  interp.registerNativeModule('time', makeTime);
  interp.registerNativeModule('datetime', makeDatetimeModule);
  interp.registerNativeModule('decimal', makeDecimalModule);
  interp.registerNativeModule('uuid', makeUuidModule);
  interp.registerNativeModule('pathlib', makePathlibModule);
  interp.registerNativeModule('json', makeJsonModule);
  interp.registerNativeModule('re', makeReModule);
  interp.registerNativeModule('functools', makeFunctools);
  interp.registerNativeModule('itertools', makeItertools);
  interp.registerNativeModule('operator', makeOperator);
  interp.registerNativeModule('collections', (i) => {
    const m = makeCollections();
    // namedtuple's __module__ is the calling module, like CPython's sys._getframe lookup
    m.dict.set(
      'namedtuple',
      new NativeFunction(
        'namedtuple',
        (a, k) => {
          const g = i.currentFrame?.globals.get('__name__');
          return namedtupleFor(typeof g === 'string' ? g : '__main__').impl(a, k);
        },
        { module: 'collections' },
      ),
    );
    return m;
  });
  interp.registerNativeModule('collections.abc', makeCollectionsAbc);
  interp.registerNativeModule('enum', makeEnumModule);
  interp.registerNativeModule('random', makeRandom);
  interp.registerNativeModule('copy', makeCopy);
  interp.registerNativeModule('textwrap', makeTextwrap);
  interp.registerNativeModule('contextlib', makeContextlib);
  interp.registerNativeModule('zoneinfo', makeZoneinfoModule);
  interp.registerNativeModule('dataclasses', makeDataclassesModule);
}
