for x in y:
    while x:
        with a:
            try:
                for x in y:
                    while x:
                        with a:
                            try:
                                for x in y:
                                    while x:
                                        with a:
                                            try:
                                                for x in y:
                                                    while x:
                                                        with a:
                                                            try:
                                                                for x in y:
                                                                    while x:
                                                                        with a:
                                                                            try:
                                                                                for z in x:
                                                                                    pass
                                                                            finally:
                                                                                pass
                                                            finally:
                                                                pass
                                            finally:
                                                pass
                            finally:
                                pass
            finally:
                pass
