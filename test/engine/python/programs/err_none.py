person = None
name = person.first_name.upper()
