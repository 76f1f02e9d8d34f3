# Three ways to move catalog.Product to the product app (lessons 7, 8 and 9).
# Replace each None with True or False, from what you saw in the terminal.
#
#   fast               the move takes about the same time whatever the number of rows
#   no_downtime        the app can keep reading and writing products during the move
#   naming_convention  afterwards the table is named like Django would name it (product_product)
#   reversible         `migrate catalog 0001` undoes the move without an error

COPY_DATA = {"fast": None, "no_downtime": None, "naming_convention": None, "reversible": None}
DB_TABLE = {"fast": None, "no_downtime": None, "naming_convention": None, "reversible": None}
RENAME_TABLE = {"fast": None, "no_downtime": None, "naming_convention": None, "reversible": None}
