# raise ... from ...: the cause is reported first
class ConfigError(Exception):
    pass

def load(config):
    try:
        return config["port"]
    except KeyError as e:
        raise ConfigError("port is required") from e

load({})
