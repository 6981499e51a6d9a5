from os import * as all
