"""MarketBalancePage moved to the market app (market/migrations/0001 and 0002, which
keep its table and content type): prices forgets it (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('market', '0002_market_balance_page_from_prices'),
        ('prices', '0003_delete_data_versions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='MarketBalancePage'),
            ],
            database_operations=[],
        ),
    ]
