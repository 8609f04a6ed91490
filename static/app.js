// Leefwereld works without JavaScript; this file only adds comfort on top.
"use strict";
