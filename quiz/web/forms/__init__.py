"""Forms (Flask-WTF): accounts, answers built from each question type's form, choices."""
