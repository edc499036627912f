from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_casework_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="jobcenter",
            options={
                "ordering": ("name",),
                "permissions": (
                    ("betrieb", "Betrieb: Jobcenter und ihre erste Administration anlegen"),
                ),
                "verbose_name": "Jobcenter",
                "verbose_name_plural": "Jobcenter",
            },
        ),
        migrations.AddField(
            model_name="jobcenter",
            name="region",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="Region"),
        ),
    ]
