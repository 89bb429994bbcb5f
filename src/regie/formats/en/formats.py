# Regie's date styles (the same in Dutch and English; only the month names differ):
# the long form in running text, dd-mm-jjjj in tables and forms. See regie.core.dates.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
