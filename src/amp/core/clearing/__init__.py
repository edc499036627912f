"""Online-Fallclearing: the questionnaire for new applicants as data, the validation of
answers against it, the triage rules that turn answers into a suggestion, and the
aggregates for the Steuerung with small cells suppressed. Pure standard library."""
