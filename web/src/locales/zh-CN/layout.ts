// 框架：菜单、顶栏
export default {
  menu: {
    dashboard: '首页',
    places: '楼栋住户',
    persons: '人员信息',
    imports: '导入导出',
    system: '系统管理',
    users: '用户管理',
    audit: '审计日志',
    account: '个人信息',
  },
  community: '社区',
  switchCommunity: '切换社区',
  language: '语言',
  collapse: '收起菜单',
  expand: '展开菜单',
  logout: '退出登录',
  account: '个人信息',
  home: '首页',
}
