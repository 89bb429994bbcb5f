"""Date formats per language (``FORMAT_MODULE_PATH``): one style per context, the same in
both languages. See ``regie.core.dates``."""
