# Three ways to move catalog.Product to the product app (lessons 7, 8 and 9).
# Replace each None with True or False, from what you saw in the terminal.
#
#   fast               the move takes about the same time whatever the number of rows
#   no_downtime        the app can keep reading and writing products during the move
#   naming_convention  afterwards the table is named like Django would name it (product_product)
#   reversible         `migrate catalog 0001` undoes the move without an error

COPY_DATA = {"fast": False, "no_downtime": False, "naming_convention": True, "reversible": True}
DB_TABLE = {"fast": True, "no_downtime": True, "naming_convention": False, "reversible": True}
RENAME_TABLE = {"fast": True, "no_downtime": True, "naming_convention": True, "reversible": True}
