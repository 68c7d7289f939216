-- Business co-owners and change champions moved from deployment to team formation
-- (decision 033; the table of moved ids is methodology/renamed-items.ts).
-- Checklist answers and register rows keep their content under the new ids; an answer
-- already recorded under a new id wins over the old one.
UPDATE `answers` SET `item_id` = 'team.task-co-owners' WHERE `item_id` = 'deployment.task-co-owners'
  AND NOT EXISTS (SELECT 1 FROM `answers` AS `a` WHERE `a`.`project_id` = `answers`.`project_id` AND `a`.`item_id` = 'team.task-co-owners');
--> statement-breakpoint
UPDATE `answers` SET `item_id` = 'team.task-champions' WHERE `item_id` = 'deployment.task-champions'
  AND NOT EXISTS (SELECT 1 FROM `answers` AS `a` WHERE `a`.`project_id` = `answers`.`project_id` AND `a`.`item_id` = 'team.task-champions');
--> statement-breakpoint
UPDATE `register_rows` SET `item_id` = 'team.champions' WHERE `item_id` = 'deployment.champions';
--> statement-breakpoint
-- The co-owners were one free-text answer; they become a register (name, unit, role). The text
-- becomes the name of one row, after any rows already there; the team picks the unit.
INSERT INTO `register_rows` (`project_id`, `item_id`, `position`, `cells`, `updated_by`, `created_at`, `updated_at`)
  SELECT `project_id`, 'team.co-owners',
    (SELECT COALESCE(MAX(`r`.`position`) + 1, 0) FROM `register_rows` AS `r` WHERE `r`.`project_id` = `answers`.`project_id` AND `r`.`item_id` = 'team.co-owners'),
    json_object('name', substr(trim(json_extract(`value`, '$')), 1, 300)), `updated_by`, `created_at`, `updated_at`
  FROM `answers`
  WHERE `item_id` = 'deployment.co-owners' AND json_type(`value`) = 'text' AND trim(json_extract(`value`, '$')) <> '';
--> statement-breakpoint
DELETE FROM `answers` WHERE `item_id` IN ('deployment.co-owners', 'deployment.task-co-owners', 'deployment.task-champions');
