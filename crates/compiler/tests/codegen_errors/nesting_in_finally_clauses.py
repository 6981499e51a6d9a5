for x in y:
    for x in y:
        for x in y:
            for x in y:
                for x in y:
                    for x in y:
                        for x in y:
                            for x in y:
                                for x in y:
                                    for x in y:
                                        for x in y:
                                            for x in y:
                                                for x in y:
                                                    for x in y:
                                                        for x in y:
                                                            for x in y:
                                                                for x in y:
                                                                    try:
                                                                        pass
                                                                    finally:
                                                                        try:
                                                                            pass
                                                                        finally:
                                                                            try:
                                                                                pass
                                                                            finally:
                                                                                while x:
                                                                                    pass
