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
                                                                                for z in x:
                                                                                    pass
                                                                                else:
                                                                                    while z:
                                                                                        pass
