# The migrations of this app were written by hand, one operation (or a small group) each;
# nothing here: the scenario only runs them forwards and backwards.
