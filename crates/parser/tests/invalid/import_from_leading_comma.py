from os import , path
