"""Enumerations shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    GRONINGEN = "GR", "Groningen"
    FRIESLAND = "FR", "Fryslân"
    DRENTHE = "DR", "Drenthe"
    OVERIJSSEL = "OV", "Overijssel"
    FLEVOLAND = "FL", "Flevoland"
    GELDERLAND = "GE", "Gelderland"
    UTRECHT = "UT", "Utrecht"
    NOORD_HOLLAND = "NH", "Noord-Holland"
    ZUID_HOLLAND = "ZH", "Zuid-Holland"
    ZEELAND = "ZE", "Zeeland"
    NOORD_BRABANT = "NB", "Noord-Brabant"
    LIMBURG = "LI", "Limburg"


class Sector(models.TextChoices):
    ACADEMIC_HOSPITAL = "academic_hospital", _("Academic hospital")
    TOP_CLINICAL_HOSPITAL = "top_clinical_hospital", _("Top-clinical hospital")
    GENERAL_HOSPITAL = "general_hospital", _("General hospital")
    MENTAL_HEALTH = "mental_health", _("Mental health care (GGZ)")
    ELDERLY_CARE = "elderly_care", _("Nursing and elderly care (VVT)")
    DISABILITY_CARE = "disability_care", _("Disability care (GHZ)")
    PRIMARY_CARE = "primary_care", _("GP and primary care")
    OTHER = "other", _("Other care")

    @classmethod
    def hospitals(cls):
        return [cls.ACADEMIC_HOSPITAL, cls.TOP_CLINICAL_HOSPITAL, cls.GENERAL_HOSPITAL]
