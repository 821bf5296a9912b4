"""What a student handed in, made gradable: safe unzipping and copying, locating each
assignment's files (``discovery``), notebooks read as the equivalent ``.py`` (``notebooks``),
what each submission is called in every report (``identity``)."""
