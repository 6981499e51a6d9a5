import .sibling
