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
                                                                    for x in y:
                                                                        for x in y:
                                                                            for x in y:
                                                                                while (x,
                                                                                       y):
                                                                                    pass
