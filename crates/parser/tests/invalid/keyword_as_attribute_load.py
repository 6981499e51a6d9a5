x = obj.import
