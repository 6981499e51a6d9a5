names = ['ann', 'bob',
         'cid'
