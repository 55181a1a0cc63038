"""Understanding free text: where a learner's message goes (search, FAQ, small talk, …)."""
