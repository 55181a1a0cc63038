"""FAQ: entries loaded from `content/faq.yaml`, matched to what learners type (`matcher`),
and answered as `Reply` values (`replies`)."""
