os.chmod(path, 0o791)
