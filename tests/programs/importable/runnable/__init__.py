print("runnable init", __name__)
