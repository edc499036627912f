"""Online-Fallclearing: personal links for new applicants, the public questionnaire, the
caseworkers' inbox with a suggestion, and aggregates for the Steuerung."""
