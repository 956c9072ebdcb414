-- Defect: drops the join table but forgets the tags table.
DROP TABLE item_tags;
