from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "regie.demo"
    verbose_name = "Demo"
