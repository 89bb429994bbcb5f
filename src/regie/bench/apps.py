from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "regie.bench"
    verbose_name = "Benchmark"
