"""Screens of local-industry monitoring (màn hình theo dõi công nghiệp địa phương): the registries, the
province's entry grid and the agency's review, completeness and the dashboard of the day, analysis (series,
ranking, regions, the map) with Excel and PDF, and the regional steering committee's brief."""
