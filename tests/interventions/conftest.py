from tests.interventions.fixtures import *  # noqa: F403
