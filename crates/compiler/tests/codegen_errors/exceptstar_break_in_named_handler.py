for x in y:
    try: pass
    except* E:
        try: pass
        except F as e:
            break
