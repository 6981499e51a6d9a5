@route('/home'
def home():
    pass
