# a failing call in the middle of a chain of attribute accesses
class Node:
    def __init__(self, child=None):
        self.child = child
    def value(self):
        return self.child.value()

root = Node(Node(Node()))
print(root.child is not None)
root.value()
