from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "timeledger.onboarding"
    label = "onboarding"
    verbose_name = "Sign-up and organisation settings"
