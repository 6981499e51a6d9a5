class C:
    try:
        pass
    except:
        x = 1
        y = [
            2,
        ]
    except E as e:
        pass
