// 个人信息
export default {
  title: '个人信息',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  scope: '管理范围',
  permissions: '权限',
  createdAt: '创建时间',
}
