doc = """Start of doc
more text
