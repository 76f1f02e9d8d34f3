# migrations written by hand
