from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.accounts.models import User
from quartier.accounts.services import create_token


class Command(BaseCommand):
    help = "Creates a personal API token for the user with this e-mail address and prints it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="Kommandozeile")

    def handle(self, *args: object, **options: str) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(
                f"Kein Konto mit der E-Mail-Adresse {options['email']} / "
                f"no account with the e-mail address {options['email']}"
            )
        _token, plain = create_token(user, options["name"])
        self.stdout.write(plain)
