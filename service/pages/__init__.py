"""Pages for people: the home page and resource profiles, each fact with the plan's sentence."""
