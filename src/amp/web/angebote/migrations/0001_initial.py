import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("plans", "0006_casework_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OfferAudit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(auto_now_add=True)),
                ("action", models.CharField(choices=[("suche", "Angebotssuche"), ("angebotsblatt", "Angebotsblatt")], max_length=16, verbose_name="Vorgang")),
                ("pseudonym", models.CharField(max_length=20, verbose_name="Pseudonyme Nummer")),
                ("offers", models.JSONField(default=list, verbose_name="Angebote")),
                ("jobcenter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="offer_audit", to="plans.jobcenter")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "Protokoll der Angebotssuche",
                "verbose_name_plural": "Protokolle der Angebotssuche",
                "ordering": ("at", "id"),
            },
        ),
    ]
