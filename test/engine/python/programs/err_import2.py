import nope.sub
