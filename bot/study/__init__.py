"""Study plans: pure plan maths (`maths`), plans in the database (`store`), and what the plan
conversation and /progress say (`replies`)."""
