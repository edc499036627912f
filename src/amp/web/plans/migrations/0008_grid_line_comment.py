import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_daily_jobcenter_region_betrieb"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GridLineComment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("line_id", models.CharField(max_length=64, verbose_name="Zeile")),
                ("text", models.TextField(verbose_name="Kommentar")),
                ("at", models.DateTimeField(verbose_name="geändert am")),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="line_comments",
                        to="plans.planversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "Kommentar zu einer Zeile",
                "verbose_name_plural": "Kommentare zu Zeilen",
                "ordering": ("version", "line_id"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("version", "line_id"), name="one_comment_per_line"
                    )
                ],
            },
        ),
    ]
