from rest_framework import serializers


class ReleaseSerializer(serializers.Serializer):
    """The release a published figure comes from."""

    number = serializers.IntegerField()
    as_of = serializers.DateField(help_text="The day the release's data was read.")
    published_at = serializers.DateTimeField()
