"""`quartier import-articles PATH`: the command under the name the documentation uses. Django
names commands after their modules, so this module only lends `import_articles` its name."""

from quartier.knowledge.management.commands.import_articles import Command

__all__ = ["Command"]
