"""Create the 17 UN Sustainable Development Goals; their names are translated in the .po files."""

from django.db import migrations


def create_goals(apps, schema_editor):
    goal_model = apps.get_model("partners", "SustainableDevelopmentGoal")
    goal_model.objects.bulk_create(
        [goal_model(number=number) for number in range(1, 18)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(create_goals, migrations.RunPython.noop)]
