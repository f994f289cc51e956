import factory

from vendors.models import Product, ProductCategory, Standard, Vendor


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Testleverancier {n} B.V.")
    slug = factory.Sequence(lambda n: f"testleverancier-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductCategory

    name = factory.Sequence(lambda n: f"Hoofdcategorie {n}")
    slug = factory.Sequence(lambda n: f"hoofdcategorie-{n}")


class LeafCategoryFactory(CategoryFactory):
    name = factory.Sequence(lambda n: f"Subcategorie {n}")
    slug = factory.Sequence(lambda n: f"subcategorie-{n}")
    parent = factory.SubFactory(CategoryFactory)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(LeafCategoryFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    deployment = Product.Deployment.SAAS


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    code = factory.Sequence(lambda n: f"standard-{n}")
    name = factory.Sequence(lambda n: f"Standard {n}")
    kind = Standard.Kind.EXCHANGE
    steward = "HL7 International"
