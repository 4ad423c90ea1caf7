// The JSON Schema documents themselves, for tools that show their descriptions and examples
// (the editor's property panel) or hand them to other validators. Keys as in `validators`.
import action from '../../../schemas/action.schema.json' with { type: 'json' };
import app from '../../../schemas/app.schema.json' with { type: 'json' };
import componentMeta from '../../../schemas/component-meta.schema.json' with { type: 'json' };
import contentModel from '../../../schemas/content-model.schema.json' with { type: 'json' };
import navigation from '../../../schemas/navigation.schema.json' with { type: 'json' };
import node from '../../../schemas/node.schema.json' with { type: 'json' };
import page from '../../../schemas/page.schema.json' with { type: 'json' };
import query from '../../../schemas/query.schema.json' with { type: 'json' };
import securityRules from '../../../schemas/security-rules.schema.json' with { type: 'json' };
import state from '../../../schemas/state.schema.json' with { type: 'json' };
import theme from '../../../schemas/theme.schema.json' with { type: 'json' };
import value from '../../../schemas/value.schema.json' with { type: 'json' };

export const schemaDocuments = {
  action,
  app,
  componentMeta,
  contentModel,
  navigation,
  node,
  page,
  query,
  securityRules,
  state,
  theme,
  value,
} as const;
